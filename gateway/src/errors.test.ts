import { GraphQLError } from 'graphql';
import pino from 'pino';
import { createFormatError } from './errors';
import { requestStore, type RequestRecord } from './request';

const record: RequestRecord = { requestId: 'req-9', startedAt: 0, errorCodes: [] };

function format(mode: 'development' | 'production', formatted: Parameters<ReturnType<typeof createFormatError>>[0]) {
  const logged: Record<string, any>[] = [];
  const logger = pino({ level: 'info' }, { write: (line: string) => logged.push(JSON.parse(line)) });
  const result = requestStore.run(record, () =>
    createFormatError({ mode, logger })(formatted, new GraphQLError(formatted.message)),
  );
  return { result, logged };
}

describe('errors sent to clients', () => {
  const sourceDown = {
    message: 'Source "crm" is unavailable: password authentication failed for user "crm_reader" at 10.0.0.3',
    path: ['customer', 'crmContacts'],
    extensions: { code: 'SOURCE_UNAVAILABLE', source: 'crm', serviceName: 'crm', exception: { stacktrace: ['…'] } },
  };

  it('in production, name the failing source but not why, with the request id; the log keeps why', () => {
    const { result, logged } = format('production', sourceDown);
    expect(result).toEqual({
      message: 'Source "crm" is unavailable',
      path: ['customer', 'crmContacts'],
      extensions: { code: 'SOURCE_UNAVAILABLE', source: 'crm', serviceName: 'crm', requestId: 'req-9' },
    });
    expect(logged[0]).toMatchObject({ level: 50, requestId: 'req-9', err: { message: sourceDown.message } });
  });

  it('in production, keep the messages written for clients as they are', () => {
    const input = {
      message: 'Invalid ids: expected at least two different customer ids, received ["x"]',
      extensions: { code: 'BAD_USER_INPUT', field: 'ids' },
    };
    expect(format('production', input).result).toEqual(input);
  });

  it('in development, keep everything', () => {
    expect(format('development', sourceDown).result).toEqual(sourceDown);
  });

  it('in every mode, give operation-limit refusals their own code', () => {
    const depth = {
      message: 'Query depth limit of 5 exceeded, found 7.',
      extensions: { code: 'GRAPHQL_VALIDATION_FAILED', limit: 'depth' },
    };
    expect(format('development', depth).result.extensions).toEqual({
      code: 'OPERATION_LIMIT_EXCEEDED',
      limit: 'depth',
    });
    const tokens = {
      message: 'Syntax Error: Document contains more that 1000 tokens. Parsing aborted.',
      extensions: { code: 'GRAPHQL_PARSE_FAILED' },
    };
    expect(format('production', tokens).result).toEqual({
      message: 'Document contains more than 1000 tokens. Parsing aborted.',
      extensions: { code: 'OPERATION_LIMIT_EXCEEDED', limit: 'tokens' },
    });
  });
});
