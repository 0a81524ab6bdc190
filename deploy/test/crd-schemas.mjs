// Strict schemas of the custom resources the chart makes, which the Kubernetes OpenAPI document does not hold.
// Written from the fields of each resource's API (secrets-store.csi.x-k8s.io/v1 SecretProviderClass,
// monitoring.coreos.com/v1 ServiceMonitor); only fields that exist there are allowed, and of the ServiceMonitor
// only those a chart like ours may set (no credentials, no relabelling).

const stringMap = { type: 'object', additionalProperties: { type: 'string' } };
const objectMeta = { $ref: '#/definitions/io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta' };
const labelSelector = { $ref: '#/definitions/io.k8s.apimachinery.pkg.apis.meta.v1.LabelSelector' };
// The Prometheus Operator's duration: units from years to milliseconds, largest first, e.g. 1m30s.
const duration = { type: 'string', pattern: '^(0|(([0-9]+)y)?(([0-9]+)w)?(([0-9]+)d)?(([0-9]+)h)?(([0-9]+)m)?(([0-9]+)s)?(([0-9]+)ms)?)$' };

const serviceMonitor = {
  type: 'object',
  additionalProperties: false,
  required: ['apiVersion', 'kind', 'metadata', 'spec'],
  properties: {
    apiVersion: { const: 'monitoring.coreos.com/v1' },
    kind: { const: 'ServiceMonitor' },
    metadata: objectMeta,
    spec: {
      type: 'object',
      additionalProperties: false,
      required: ['selector', 'endpoints'],
      properties: {
        selector: labelSelector,
        namespaceSelector: {
          type: 'object',
          additionalProperties: false,
          properties: { any: { type: 'boolean' }, matchNames: { type: 'array', items: { type: 'string', minLength: 1 } } },
        },
        jobLabel: { type: 'string' },
        targetLabels: { type: 'array', items: { type: 'string' } },
        podTargetLabels: { type: 'array', items: { type: 'string' } },
        sampleLimit: { type: 'integer', minimum: 0 },
        endpoints: {
          type: 'array',
          minItems: 1,
          items: {
            type: 'object',
            additionalProperties: false,
            properties: {
              port: { type: 'string', minLength: 1 },
              targetPort: { anyOf: [{ type: 'string' }, { type: 'integer' }] },
              path: { type: 'string', pattern: '^/' },
              scheme: { enum: ['http', 'https'] },
              interval: duration,
              scrapeTimeout: duration,
              honorLabels: { type: 'boolean' },
              honorTimestamps: { type: 'boolean' },
              params: { type: 'object', additionalProperties: { type: 'array', items: { type: 'string' } } },
            },
          },
        },
      },
    },
  },
};

/** Schemas keyed by `<apiVersion>/<kind>`. */
export function crdSchemas() {
  return {
    'monitoring.coreos.com/v1/ServiceMonitor': serviceMonitor,
    'secrets-store.csi.x-k8s.io/v1/SecretProviderClass': {
      type: 'object',
      additionalProperties: false,
      required: ['apiVersion', 'kind', 'metadata', 'spec'],
      properties: {
        apiVersion: { const: 'secrets-store.csi.x-k8s.io/v1' },
        kind: { const: 'SecretProviderClass' },
        metadata: objectMeta,
        spec: {
          type: 'object',
          additionalProperties: false,
          required: ['provider'],
          properties: {
            provider: { type: 'string', minLength: 1 },
            parameters: stringMap,
            secretObjects: {
              type: 'array',
              items: {
                type: 'object',
                additionalProperties: false,
                required: ['secretName', 'type', 'data'],
                properties: {
                  secretName: { type: 'string', minLength: 1 },
                  type: { type: 'string', minLength: 1 },
                  labels: stringMap,
                  annotations: stringMap,
                  data: {
                    type: 'array',
                    items: {
                      type: 'object',
                      additionalProperties: false,
                      required: ['objectName', 'key'],
                      properties: { objectName: { type: 'string', minLength: 1 }, key: { type: 'string', minLength: 1 } },
                    },
                  },
                },
              },
            },
          },
        },
      },
    },
  };
}
