/**
 * OpenTelemetry tracing, off unless switched on. Apollo Gateway already
 * creates spans for each request (`gateway.request`, `gateway.plan`,
 * `gateway.execute`, one `gateway.fetch` per subgraph call) through the
 * global OpenTelemetry API; registering a tracer provider is what makes them
 * exported. Spans go to an OTLP/HTTP collector (Jaeger, Tempo, the OTel
 * Collector…) at `OTEL_EXPORTER_OTLP_ENDPOINT`.
 */
import { Resource } from '@opentelemetry/resources';
import { BatchSpanProcessor, type SpanExporter, type SpanProcessor } from '@opentelemetry/sdk-trace-base';
import { NodeTracerProvider } from '@opentelemetry/sdk-trace-node';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { ATTR_SERVICE_NAME } from '@opentelemetry/semantic-conventions';

export interface TracingOptions {
  /** service.name of the spans. @default 'c360-gateway' */
  serviceName?: string;
  /** OTLP/HTTP traces endpoint, e.g. http://127.0.0.1:4318/v1/traces. */
  endpoint?: string;
  /** Export somewhere else (tests use an in-memory exporter). @default OTLP/HTTP to `endpoint` */
  exporter?: SpanExporter;
  /** @default a BatchSpanProcessor over the exporter */
  processor?: SpanProcessor;
}

export interface Tracing {
  /** Flushes pending spans and unregisters the provider. */
  shutdown(): Promise<void>;
}

/** Registers a global tracer provider; call once, before the gateway starts. */
export function startTracing(options: TracingOptions = {}): Tracing {
  const exporter = options.exporter ?? new OTLPTraceExporter(options.endpoint ? { url: options.endpoint } : {});
  const provider = new NodeTracerProvider({
    resource: new Resource({
      [ATTR_SERVICE_NAME]: options.serviceName ?? 'c360-gateway',
    }),
    spanProcessors: [options.processor ?? new BatchSpanProcessor(exporter)],
  });
  provider.register();
  return {
    async shutdown() {
      await provider.shutdown();
    },
  };
}
