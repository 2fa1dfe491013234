/** The parts of rendered Kubernetes objects the deploy tests read. */

export interface ObjectMeta {
  name: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
}

export interface K8sObject {
  apiVersion: string;
  kind: string;
  metadata: ObjectMeta;
}

export interface EnvVar {
  name: string;
  value?: string;
  valueFrom?: {
    secretKeyRef?: { name: string; key: string };
    configMapKeyRef?: { name: string; key: string };
    fieldRef?: { fieldPath: string };
  };
}

export interface EnvFromSource {
  configMapRef?: { name: string };
  secretRef?: { name: string };
}

export interface Probe {
  httpGet?: { path: string; port: number | string };
}

export interface Container {
  name: string;
  image: string;
  args?: string[];
  command?: string[];
  ports?: { name?: string; containerPort: number }[];
  env?: EnvVar[];
  envFrom?: EnvFromSource[];
  startupProbe?: Probe;
  readinessProbe?: Probe;
  livenessProbe?: Probe;
}

export interface PodTemplate {
  metadata: ObjectMeta;
  spec: { containers: Container[]; initContainers?: Container[]; serviceAccountName?: string };
}

export interface Deployment extends K8sObject {
  kind: "Deployment";
  spec: { replicas?: number; template: PodTemplate };
}

export interface Job extends K8sObject {
  kind: "Job";
  spec: { template: PodTemplate };
}

export interface ConfigMap extends K8sObject {
  kind: "ConfigMap";
  data?: Record<string, string>;
}

export interface Secret extends K8sObject {
  kind: "Secret";
  stringData?: Record<string, string>;
}

export interface Service extends K8sObject {
  kind: "Service";
  spec: { selector: Record<string, string>; ports: { name?: string; port: number; targetPort?: number | string }[] };
}

export interface ServiceMonitor extends K8sObject {
  kind: "ServiceMonitor";
  spec: { endpoints: { port?: string; path?: string; honorLabels?: boolean }[] };
}

export interface Ingress extends K8sObject {
  kind: "Ingress";
  spec: { rules: { http: { paths: { backend: { service: { name: string } } }[] } }[] };
}

export class Manifests {
  readonly objects: readonly K8sObject[];

  constructor(objects: K8sObject[]) {
    this.objects = objects;
  }

  ofKind<T extends K8sObject>(kind: T["kind"]): T[] {
    return this.objects.filter((o): o is T => o.kind === kind);
  }

  find<T extends K8sObject>(kind: T["kind"], name: string): T | undefined {
    return this.ofKind<T>(kind).find((o) => o.metadata.name === name);
  }

  /** The Deployment running a service: the one whose app.kubernetes.io/name is the service (component "service"). */
  deploymentOf(service: string): Deployment | undefined {
    return this.ofKind<Deployment>("Deployment").find(
      (d) =>
        d.metadata.labels?.["app.kubernetes.io/name"] === service &&
        d.metadata.labels?.["app.kubernetes.io/component"] === "service",
    );
  }

  migrationJobOf(service: string): Job | undefined {
    return this.ofKind<Job>("Job").find(
      (j) =>
        j.metadata.labels?.["app.kubernetes.io/name"] === service &&
        j.metadata.labels?.["app.kubernetes.io/component"] === "migration",
    );
  }

  /**
   * The environment a container gets: literal values and ConfigMap entries resolve to their value, Secret and field
   * references to a description of where they come from (the value lives in the cluster).
   */
  environmentOf(container: Container): Map<string, ResolvedVariable> {
    const result = new Map<string, ResolvedVariable>();
    for (const source of container.envFrom ?? []) {
      if (source.configMapRef) {
        const configMap = this.find<ConfigMap>("ConfigMap", source.configMapRef.name);
        if (!configMap)
          throw new Error(`envFrom names ConfigMap ${source.configMapRef.name}, which the chart does not render`);
        for (const [name, value] of Object.entries(configMap.data ?? {}))
          result.set(name, { from: "configMap", value });
      }
      if (source.secretRef)
        throw new Error(`envFrom secretRef ${source.secretRef.name}: keys cannot be checked offline`);
    }
    for (const variable of container.env ?? []) {
      const from = variable.valueFrom;
      if (from?.secretKeyRef) {
        const secret = this.find<Secret>("Secret", from.secretKeyRef.name);
        result.set(variable.name, {
          from: "secret",
          secret: from.secretKeyRef,
          value: secret?.stringData?.[from.secretKeyRef.key],
        });
      } else if (from?.configMapKeyRef) {
        const configMap = this.find<ConfigMap>("ConfigMap", from.configMapKeyRef.name);
        result.set(variable.name, { from: "configMap", value: configMap?.data?.[from.configMapKeyRef.key] });
      } else if (from?.fieldRef) {
        result.set(variable.name, { from: "field", value: undefined });
      } else {
        result.set(variable.name, { from: "literal", value: variable.value ?? "" });
      }
    }
    return result;
  }
}

export interface ResolvedVariable {
  from: "configMap" | "secret" | "field" | "literal";
  /** Known when the chart renders it (not for Secrets that exist only in the cluster). */
  value: string | undefined;
  secret?: { name: string; key: string };
}

/** The number a probe's or Service's port means in a container: numbers as is, names through the container ports. */
export function resolvePort(container: Container, port: number | string | undefined): number | undefined {
  if (typeof port === "number") return port;
  return container.ports?.find((p) => p.name === port)?.containerPort;
}
