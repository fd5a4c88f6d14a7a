import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { ConfigMap, Namespace, Secret, Service } from 'kubernetes-models/v1';
import { Deployment } from 'kubernetes-models/apps/v1';
import { HorizontalPodAutoscaler } from 'kubernetes-models/autoscaling/v2';
import { PodDisruptionBudget } from 'kubernetes-models/policy/v1';
import { parse, parseAllDocuments } from 'yaml';
import { embeddedEnv, loadEmbeddedConfig } from '@c360/embedded/config';
import { gatewayEnv } from '@c360/gateway/config';
import { identityEnv } from '@c360/subgraph-identity/main';
import { redisEnv } from '@c360/kit/redis';

/**
 * The deployment files against the product: every kustomize overlay renders
 * (`kubectl kustomize`) into objects that the Kubernetes schemas accept
 * (kubernetes-models), and the compose file and the manifests name the
 * services, ports and environment variables that the configuration code
 * defines — so that renaming a variable or a port in the code, or a typo in
 * a manifest, fails here instead of in someone's cluster.
 */
const REPO = path.join(__dirname, '..', '..');
const OVERLAYS = path.join(REPO, 'deploy', 'k8s', 'overlays');

/** The subgraphs of the supergraph, and the gateway: the services a fleet runs. */
const SUBGRAPHS = Object.keys(
  (parse(readFileSync(path.join(REPO, 'graph-schema', 'supergraph.yaml'), 'utf8')) as { subgraphs: object }).subgraphs,
);
const SERVICES = ['gateway', ...SUBGRAPHS];
const FEED_SOURCES = ['crm', 'commerce', 'stores', 'web', 'support', 'surveys', 'consent'];

/** Each service's port variable and default port, from the configuration code. */
const defaults = loadEmbeddedConfig({}) as unknown as Record<string, unknown>;
const portVariable = (service: string) => (service === 'gateway' ? 'PORT' : `${service.toUpperCase()}_PORT`);
const portOf = (service: string) => defaults[portVariable(service)] as number;

/** Every variable the configuration code reads, and the per-subgraph families. */
const KNOWN = new Set([
  ...Object.keys(embeddedEnv),
  ...Object.keys(gatewayEnv),
  ...Object.keys(identityEnv),
  ...Object.keys(redisEnv),
]);
const FAMILIES: [RegExp, string[]][] = [
  [/^SUBGRAPH_URL_([A-Z0-9_]+)$/, SUBGRAPHS],
  [/^SUBGRAPH_TIMEOUT_MS_([A-Z0-9_]+)$/, SUBGRAPHS],
  [/^FEED_URL_([A-Z0-9_]+)$/, FEED_SOURCES],
];
function unknownVariables(names: string[]): string[] {
  return names.filter((name) => {
    if (KNOWN.has(name)) return false;
    return !FAMILIES.some(([pattern, members]) => members.includes(pattern.exec(name)?.[1]?.toLowerCase() ?? ''));
  });
}

const MODELS: Record<string, new (data: any) => { validate(): void }> = {
  'v1/Namespace': Namespace,
  'v1/ConfigMap': ConfigMap,
  'v1/Secret': Secret,
  'v1/Service': Service,
  'apps/v1/Deployment': Deployment,
  'autoscaling/v2/HorizontalPodAutoscaler': HorizontalPodAutoscaler,
  'policy/v1/PodDisruptionBudget': PodDisruptionBudget,
};

function render(overlay: string): any[] {
  const text = execFileSync('kubectl', ['kustomize', path.join(OVERLAYS, overlay)], { encoding: 'utf8' });
  return parseAllDocuments(text).map((doc) => doc.toJS());
}

const overlays = readdirSync(OVERLAYS);

describe('Kubernetes manifests', () => {
  it('has the single-node and production overlays', () => {
    expect(overlays).toEqual(expect.arrayContaining(['single-node', 'production']));
  });

  describe.each(overlays)('overlay %s', (overlay) => {
    const objects = render(overlay);
    const of = (kind: string) => objects.filter((o) => o.kind === kind);
    const named = (kind: string, name: string) => objects.find((o) => o.kind === kind && o.metadata.name === name);

    it('renders only objects that the Kubernetes schemas accept', () => {
      expect(objects.length).toBeGreaterThan(0);
      for (const object of objects) {
        const Model = MODELS[`${object.apiVersion}/${object.kind}`];
        if (!Model) throw new Error(`no schema for ${object.apiVersion} ${object.kind} (${object.metadata?.name})`);
        expect(() => new Model(object).validate()).not.toThrow();
      }
    });

    it('runs a Deployment and a Service per service, on the port the configuration code gives it', () => {
      expect(
        of('Deployment')
          .map((d) => d.metadata.name)
          .sort(),
      ).toEqual(SERVICES.map((s) => `c360-${s}`).sort());
      expect(
        of('Service')
          .map((s) => s.metadata.name)
          .sort(),
      ).toEqual([...SERVICES].sort());
      for (const service of SERVICES) {
        const container = named('Deployment', `c360-${service}`).spec.template.spec.containers[0];
        expect(container.args).toEqual(['node', 'dist/c360.js', 'start', '--only', service]);
        expect(container.ports).toEqual([{ name: 'http', containerPort: portOf(service), protocol: 'TCP' }]);
        expect(container.env).toEqual([{ name: portVariable(service), value: String(portOf(service)) }]);
        expect(named('Service', service).spec.ports[0]).toMatchObject({ port: portOf(service), targetPort: 'http' });
        expect(container.livenessProbe.httpGet).toEqual({ path: '/live', port: 'http' });
        expect(container.readinessProbe.httpGet).toEqual({ path: '/ready', port: 'http' });
        expect(container.resources.requests).toEqual({ cpu: expect.anything(), memory: expect.any(String) });
        expect(container.resources.limits.memory).toEqual(expect.any(String));
        expect(container.envFrom).toEqual([
          { configMapRef: { name: 'c360-config' } },
          { secretRef: { name: 'c360-secrets' } },
        ]);
        expect(container.securityContext).toMatchObject({
          allowPrivilegeEscalation: false,
          readOnlyRootFilesystem: true,
        });
        expect(named('Deployment', `c360-${service}`).spec.template.spec.securityContext.runAsNonRoot).toBe(true);
      }
    });

    it('autoscales the gateway and keeps some of it through voluntary disruptions', () => {
      const hpa = named('HorizontalPodAutoscaler', 'c360-gateway');
      expect(hpa.spec.scaleTargetRef).toEqual({ apiVersion: 'apps/v1', kind: 'Deployment', name: 'c360-gateway' });
      expect(hpa.spec.maxReplicas).toBeGreaterThanOrEqual(hpa.spec.minReplicas);
      const pdb = named('PodDisruptionBudget', 'c360-gateway');
      expect(pdb.spec.selector.matchLabels).toEqual(named('Deployment', 'c360-gateway').spec.selector.matchLabels);
      expect(pdb.spec.minAvailable).toBeLessThan(hpa.spec.minReplicas + 1);
    });

    it('configures through variables the product reads: settings in the ConfigMap, secrets in the Secret', () => {
      const config = named('ConfigMap', 'c360-config').data as Record<string, string>;
      const secret = named('Secret', 'c360-secrets').stringData as Record<string, string>;
      expect(unknownVariables([...Object.keys(config), ...Object.keys(secret)])).toEqual([]);
      // Secrets never sit in the ConfigMap.
      for (const name of ['SUBGRAPH_SHARED_SECRET', 'NEO4J_PASSWORD', 'REDIS_PASSWORD', 'JWT_SECRET']) {
        expect(config[name]).toBeUndefined();
      }
      expect(secret.SUBGRAPH_SHARED_SECRET).toBeDefined();
      // Every subgraph is reached at its Service, on its port.
      for (const subgraph of SUBGRAPHS) {
        expect(config[`SUBGRAPH_URL_${subgraph.toUpperCase()}`]).toBe(`http://${subgraph}:${portOf(subgraph)}/graphql`);
      }
      // A gateway stays ready while the owner of Customer answers: one dead source must not empty the Service.
      expect(config.GATEWAY_READY_SUBGRAPHS).toBe('identity');
      // External Neo4j and Redis, validated as the product validates them at boot.
      const env = { ...config, ...secret };
      expect(() => loadEmbeddedConfig(env)).not.toThrow();
    });
  });
});

describe('compose.yaml', () => {
  const compose = parse(readFileSync(path.join(REPO, 'compose.yaml'), 'utf8'), { merge: true }) as {
    services: Record<string, any>;
  };

  it('brings up every service, with the databases, Neo4j and Redis it needs', () => {
    expect(Object.keys(compose.services).sort()).toEqual([...SERVICES, 'neo4j', 'redis', 'postgres', 'mariadb'].sort());
  });

  it('starts each service on the port and with the variables the configuration code defines', () => {
    for (const service of SERVICES) {
      const definition = compose.services[service];
      expect(definition.command).toEqual(['node', 'dist/c360.js', 'start', '--only', service]);
      expect(definition.ports).toEqual([`${portOf(service)}:${portOf(service)}`]);
      expect(definition.environment[portVariable(service)]).toBe(String(portOf(service)));
      expect(unknownVariables(Object.keys(definition.environment))).toEqual([]);
      expect(() => loadEmbeddedConfig(definition.environment)).not.toThrow();
      expect(definition.healthcheck.test.join(' ')).toContain(`:${portOf(service)}/ready`);
    }
    for (const subgraph of SUBGRAPHS) {
      expect(compose.services.gateway.environment[`SUBGRAPH_URL_${subgraph.toUpperCase()}`]).toBe(
        `http://${subgraph}:${portOf(subgraph)}/graphql`,
      );
    }
  });
});

describe('the check itself', () => {
  it('catches a variable the product does not read', () => {
    expect(
      unknownVariables(['REDIS_URL', 'SUBGRAPH_URL_CRM', 'REDIS_URI', 'SUBGRAPH_URL_NOPE', 'FEED_URL_PROFILE']),
    ).toEqual(['REDIS_URI', 'SUBGRAPH_URL_NOPE', 'FEED_URL_PROFILE']);
  });
});
