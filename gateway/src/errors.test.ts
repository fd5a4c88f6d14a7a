import { GraphQLError } from 'graphql';
import pino from 'pino';
import type { GraphQLRequestContextDidEncounterErrors, GraphQLRequestListener } from '@apollo/server';
import { createFormatError, useErrorRequestIds } from './errors';

type Context = { requestId: string };

/** Formats one error as Apollo does: didEncounterErrors of the request (which notes its id), then formatError. */
async function format(
  mode: 'development' | 'production',
  formatted: Parameters<ReturnType<typeof createFormatError>>[0],
  requestId: string | null = 'req-9',
) {
  const logged: Record<string, any>[] = [];
  const logger = pino({ level: 'info' }, { write: (line: string) => logged.push(JSON.parse(line)) });
  const error = new GraphQLError(formatted.message);
  if (requestId !== null) {
    const listener = (await useErrorRequestIds<Context>().requestDidStart!(
      {} as never,
    )) as GraphQLRequestListener<Context>;
    await listener.didEncounterErrors!({
      contextValue: { requestId },
      errors: [error],
    } as unknown as GraphQLRequestContextDidEncounterErrors<Context>);
  }
  const result = createFormatError({ mode, logger })(formatted, error);
  return { result, logged };
}

describe('errors sent to clients', () => {
  const sourceDown = {
    message: 'Source "crm" is unavailable: password authentication failed for user "crm_reader" at 10.0.0.3',
    path: ['customer', 'crmContacts'],
    extensions: { code: 'SOURCE_UNAVAILABLE', source: 'crm', serviceName: 'crm', exception: { stacktrace: ['…'] } },
  };

  it('in production, name the failing source but not why, with the request id; the log keeps why', async () => {
    const { result, logged } = await format('production', sourceDown);
    expect(result).toEqual({
      message: 'Source "crm" is unavailable',
      path: ['customer', 'crmContacts'],
      extensions: { code: 'SOURCE_UNAVAILABLE', source: 'crm', serviceName: 'crm', requestId: 'req-9' },
    });
    expect(logged[0]).toMatchObject({ level: 50, requestId: 'req-9', err: { message: sourceDown.message } });
  });

  it('names no request id on an error that no request noted (formatted outside the request pipeline)', async () => {
    const { result, logged } = await format('production', sourceDown, null);
    expect(result).toEqual({
      message: 'Source "crm" is unavailable',
      path: ['customer', 'crmContacts'],
      extensions: { code: 'SOURCE_UNAVAILABLE', source: 'crm', serviceName: 'crm' },
    });
    expect(logged[0]).toMatchObject({ level: 50, err: { message: sourceDown.message } });
    expect(logged[0]!.requestId).toBeUndefined();
  });

  it('in production, keep the messages written for clients as they are', async () => {
    const input = {
      message: 'Invalid ids: expected at least two different customer ids, received ["x"]',
      extensions: { code: 'BAD_USER_INPUT', field: 'ids' },
    };
    expect((await format('production', input)).result).toEqual(input);
  });

  it('in development, keep everything', async () => {
    expect((await format('development', sourceDown)).result).toEqual(sourceDown);
  });

  it('in every mode, give operation-limit refusals their own code', async () => {
    const depth = {
      message: 'Query depth limit of 5 exceeded, found 7.',
      extensions: { code: 'GRAPHQL_VALIDATION_FAILED', limit: 'depth' },
    };
    expect((await format('development', depth)).result.extensions).toEqual({
      code: 'OPERATION_LIMIT_EXCEEDED',
      limit: 'depth',
    });
    const tokens = {
      message: 'Syntax Error: Document contains more that 1000 tokens. Parsing aborted.',
      extensions: { code: 'GRAPHQL_PARSE_FAILED' },
    };
    expect((await format('production', tokens)).result).toEqual({
      message: 'Document contains more than 1000 tokens. Parsing aborted.',
      extensions: { code: 'OPERATION_LIMIT_EXCEEDED', limit: 'tokens' },
    });
  });
});
