import { readFileSync } from 'node:fs';
import path from 'node:path';
import { readManifest } from '@c360/gateway/persisted/manifests';

const ROOT = path.join(__dirname, '..', '..', '..');
const GENERATED = path.join(ROOT, 'apps', 'customer-page', 'src', 'gql', 'persisted-documents.json');
const REGISTERED = path.join(ROOT, 'clients', 'customer-page', '__generated__', 'persisted-documents.json');

describe('the customer page in the safelist', () => {
  it('registers exactly the operations the app was generated with (run npm run codegen && npm run build:app when this fails)', () => {
    expect(JSON.parse(readFileSync(REGISTERED, 'utf8'))).toEqual(JSON.parse(readFileSync(GENERATED, 'utf8')));
    // Every hash is the SHA-256 of its document: the gateway loads it as it is.
    expect(readManifest('customer-page', REGISTERED).documents.size).toBeGreaterThan(10);
  });

  it('holds every view of the page to that manifest', () => {
    const { clients } = JSON.parse(readFileSync(path.join(ROOT, 'gateway', 'clients.json'), 'utf8')) as {
      clients: { name: string; scopes: string[]; persistedOnly?: boolean; manifest?: string }[];
    };
    const views = clients.filter((c) => c.name.startsWith('customer-page-'));
    expect(views.map((c) => [c.name, c.persistedOnly, c.manifest, c.scopes.includes('pii:read')])).toEqual([
      ['customer-page-sales', true, 'customer-page', true],
      ['customer-page-call-centre', true, 'customer-page', true],
      ['customer-page-cashier', true, 'customer-page', false],
      ['customer-page-steward', true, 'customer-page', true],
      ['customer-page-marketer', true, 'customer-page', true],
    ]);
  });
});
