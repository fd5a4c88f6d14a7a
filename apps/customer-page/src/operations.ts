/**
 * Every operation the customer page runs. GraphQL Code Generator's client
 * preset types them and, in the bundle, replaces each with its SHA-256 hash:
 * the page sends hashes only, and the gateway runs the registered text
 * (clients/customer-page/__generated__/persisted-documents.json). Views
 * without the pii:read scope use the `…Masked` variants, which select no
 * field marked @pii (the gateway refuses a whole operation that does).
 */
import { graphql } from './gql';

export const SearchByIdentifier = graphql(/* GraphQL */ `
  query SearchByIdentifier($kind: IdentifierKind!, $value: String!) {
    normalizedIdentifier(kind: $kind, value: $value) {
      kind
      value
    }
    customerByIdentifier(kind: $kind, value: $value) {
      id
      anonymous
      sourceRecords {
        system
        localId
      }
      profile {
        name {
          value
        }
      }
    }
  }
`);

export const SearchByIdentifierMasked = graphql(/* GraphQL */ `
  query SearchByIdentifierMasked($kind: IdentifierKind!, $value: String!) {
    customerByIdentifier(kind: $kind, value: $value) {
      id
      anonymous
      sourceRecords {
        system
        localId
      }
    }
  }
`);

export const SearchByName = graphql(/* GraphQL */ `
  query SearchByName($name: String!, $postcode: String!) {
    customersByName(name: $name, postcode: $postcode, first: 20) {
      id
      anonymous
      sourceRecords {
        system
        localId
      }
      profile {
        name {
          value
        }
      }
    }
  }
`);

export const SearchBySourceRecord = graphql(/* GraphQL */ `
  query SearchBySourceRecord($system: String!, $localId: ID!) {
    customerBySourceRecord(system: $system, localId: $localId) {
      id
      anonymous
      sourceRecords {
        system
        localId
      }
    }
  }
`);

export const SearchBatch = graphql(/* GraphQL */ `
  query SearchBatch($identifiers: [IdentifierInput!]!) {
    customersByIdentifiers(identifiers: $identifiers) {
      id
      sourceRecords {
        system
        localId
      }
      profile {
        name {
          value
        }
      }
    }
  }
`);

export const SearchBatchMasked = graphql(/* GraphQL */ `
  query SearchBatchMasked($identifiers: [IdentifierInput!]!) {
    customersByIdentifiers(identifiers: $identifiers) {
      id
      sourceRecords {
        system
        localId
      }
    }
  }
`);

export const GoldenProfile = graphql(/* GraphQL */ `
  query GoldenProfile($id: ID!) {
    customer(id: $id) {
      id
      anonymous
      sourceRecords {
        system
        localId
      }
      identifiers {
        kind
        value
      }
      profile {
        name {
          value
          decidedBy
          lineage {
            system
            localId
            updatedAt
          }
          candidates {
            value
            lineage {
              system
              localId
              updatedAt
            }
          }
        }
        email {
          value
          decidedBy
          lineage {
            system
            localId
            updatedAt
          }
          candidates {
            value
            lineage {
              system
              localId
              updatedAt
            }
          }
        }
        phone {
          value
          decidedBy
          lineage {
            system
            localId
            updatedAt
          }
          candidates {
            value
            lineage {
              system
              localId
              updatedAt
            }
          }
        }
        postalAddress {
          value {
            street
            postcode
            city
            country
          }
          decidedBy
          lineage {
            system
            localId
            updatedAt
          }
        }
        birthDate {
          value
          decidedBy
          lineage {
            system
            localId
            updatedAt
          }
        }
        company {
          value
          decidedBy
          lineage {
            system
            localId
            updatedAt
          }
        }
      }
    }
  }
`);

/**
 * Without pii:read the golden profile cannot be computed at all (it reads the
 * sources' personal fields), so the masked view shows what identity knows
 * without personal data: which kinds of identifier and which records exist.
 */
export const GoldenProfileMasked = graphql(/* GraphQL */ `
  query GoldenProfileMasked($id: ID!) {
    customer(id: $id) {
      id
      anonymous
      sourceRecords {
        system
        localId
      }
      identifiers {
        kind
      }
    }
  }
`);

export const ConsentPanel = graphql(/* GraphQL */ `
  query ConsentPanel($id: ID!) {
    customer(id: $id) {
      id
      consents {
        purpose
        channel
        granted
        since
        source
      }
      contactability {
        channel
        contactable
        reason
      }
    }
  }
`);

export const KpiPanel = graphql(/* GraphQL */ `
  query KpiPanel($id: ID!) {
    customer(id: $id) {
      id
      kpis {
        orderCount
        onlineOrderCount
        storePurchaseCount
        totalSpent {
          amount
          currency
        }
        spentLast12Months {
          amount
          currency
        }
        averageBasket {
          amount
          currency
        }
        lastPurchaseAt
        daysSinceLastPurchase
        recencyScore
        frequencyScore
        monetaryScore
        openSupportTickets
        lastNps
      }
    }
  }
`);

export const SegmentPanel = graphql(/* GraphQL */ `
  query SegmentPanel($id: ID!) {
    customer(id: $id) {
      id
      segments {
        name
        description
      }
    }
  }
`);

export const OrdersPanel = graphql(/* GraphQL */ `
  query OrdersPanel($id: ID!) {
    customer(id: $id) {
      id
      shopAccounts {
        accountId
        orders(first: 5) {
          totalCount
          edges {
            node {
              orderNumber
              placedAt
              status
              total {
                amount
                currency
              }
            }
          }
        }
      }
    }
  }
`);

export const StorePurchasesPanel = graphql(/* GraphQL */ `
  query StorePurchasesPanel($id: ID!) {
    customer(id: $id) {
      id
      storePurchases(first: 5) {
        totalCount
        edges {
          node {
            receiptNumber
            purchasedAt
            store {
              code
              name
            }
            total {
              amount
              currency
            }
          }
        }
      }
    }
  }
`);

export const WebSessionsPanel = graphql(/* GraphQL */ `
  query WebSessionsPanel($id: ID!) {
    customer(id: $id) {
      id
      webSessions(first: 5) {
        totalCount
        edges {
          node {
            sessionId
            startedAt
            durationSeconds
            pageViewCount
            utmCampaign
            device {
              type
              browser
            }
          }
        }
      }
    }
  }
`);

export const TicketsPanel = graphql(/* GraphQL */ `
  query TicketsPanel($id: ID!) {
    customer(id: $id) {
      id
      supportTickets(first: 5) {
        totalCount
        edges {
          node {
            id
            subject
            status
            channel
            createdAt
          }
        }
      }
    }
  }
`);

export const TicketsPanelMasked = graphql(/* GraphQL */ `
  query TicketsPanelMasked($id: ID!) {
    customer(id: $id) {
      id
      supportTickets(first: 5) {
        totalCount
        edges {
          node {
            id
            status
            channel
            createdAt
          }
        }
      }
    }
  }
`);

export const SurveysPanel = graphql(/* GraphQL */ `
  query SurveysPanel($id: ID!) {
    customer(id: $id) {
      id
      latestNps {
        score
        category
        answeredAt
      }
      averageCsat {
        average
        answerCount
      }
      surveyResponses(first: 5) {
        totalCount
        edges {
          node {
            responseId
            completed
            lastActivityAt
          }
        }
      }
    }
  }
`);

export const IdentityGraph = graphql(/* GraphQL */ `
  query IdentityGraph($id: ID!) {
    customer(id: $id) {
      id
      sourceRecords {
        system
        localId
      }
      identityLinks {
        from {
          system
          localId
        }
        to {
          system
          localId
        }
        rule
        identifier {
          kind
          value
        }
        confidence
        source
        at
        actor
        reason
        match {
          score
          probability
          guards
          comparisons {
            comparison
            level
            weight
          }
        }
      }
    }
  }
`);

export const IdentityGraphMasked = graphql(/* GraphQL */ `
  query IdentityGraphMasked($id: ID!) {
    customer(id: $id) {
      id
      sourceRecords {
        system
        localId
      }
      identityLinks {
        from {
          system
          localId
        }
        to {
          system
          localId
        }
        rule
        identifier {
          kind
        }
        confidence
        source
        at
        actor
        reason
        match {
          score
          probability
          guards
          comparisons {
            comparison
            level
            weight
          }
        }
      }
    }
  }
`);

export const UnlinkRecord = graphql(/* GraphQL */ `
  mutation UnlinkRecord($system: String!, $localId: ID!, $reason: String) {
    unlinkRecord(system: $system, localId: $localId, reason: $reason) {
      id
    }
  }
`);

export const MatchReviewQueue = graphql(/* GraphQL */ `
  query MatchReviewQueue($first: Int, $after: String) {
    matchReviews(status: PENDING, first: $first, after: $after) {
      totalCount
      endCursor
      hasNextPage
      reviews {
        id
        createdAt
        left {
          system
          localId
        }
        right {
          system
          localId
        }
        leftCustomer {
          id
        }
        rightCustomer {
          id
        }
        evidence {
          score
          probability
          guards
          comparisons {
            comparison
            level
            weight
          }
        }
      }
    }
  }
`);

/** The two customers of the review on screen, side by side (the queue itself stays cheap: identity only). */
export const ReviewPair = graphql(/* GraphQL */ `
  query ReviewPair($left: ID!, $right: ID!) {
    left: customer(id: $left) {
      ...ReviewSide
    }
    right: customer(id: $right) {
      ...ReviewSide
    }
  }
  fragment ReviewSide on Customer {
    id
    sourceRecords {
      system
      localId
    }
    profile {
      name {
        value
      }
      email {
        value
      }
      phone {
        value
      }
      birthDate {
        value
      }
      postalAddress {
        value {
          street
          postcode
          city
          country
        }
      }
    }
  }
`);

export const AcceptMatch = graphql(/* GraphQL */ `
  mutation AcceptMatch($id: ID!, $reason: String) {
    acceptMatch(id: $id, reason: $reason) {
      review {
        id
        status
      }
      customer {
        id
      }
    }
  }
`);

export const RejectMatch = graphql(/* GraphQL */ `
  mutation RejectMatch($id: ID!, $reason: String) {
    rejectMatch(id: $id, reason: $reason) {
      review {
        id
        status
      }
    }
  }
`);

export const SegmentList = graphql(/* GraphQL */ `
  query SegmentList {
    segments {
      name
      description
      rule
      version
      changedBy
      changedAt
    }
    segmentFields {
      name
      type
      description
    }
  }
`);

export const SegmentPreview = graphql(/* GraphQL */ `
  query SegmentPreview($rule: JSON!, $sample: Int) {
    segmentPreview(rule: $rule, sample: $sample) {
      size
      members {
        id
        profile {
          name {
            value
          }
        }
      }
    }
  }
`);

export const DefineSegment = graphql(/* GraphQL */ `
  mutation DefineSegment($name: String!, $description: String, $rule: JSON!) {
    defineSegment(name: $name, description: $description, rule: $rule) {
      name
      version
    }
  }
`);

export const UpdateSegment = graphql(/* GraphQL */ `
  mutation UpdateSegment($name: String!, $description: String, $rule: JSON) {
    updateSegment(name: $name, description: $description, rule: $rule) {
      name
      version
    }
  }
`);

export const SegmentExportPage = graphql(/* GraphQL */ `
  query SegmentExportPage($name: String!, $first: Int, $after: String, $channel: String, $withSize: Boolean!) {
    segment(name: $name) {
      name
      size @include(if: $withSize)
      members(first: $first, after: $after, channel: $channel) {
        edges {
          contact
          node {
            id
          }
        }
        pageInfo {
          hasNextPage
          endCursor
        }
      }
    }
  }
`);
