// Strict schemas of the custom resources the chart makes, which the Kubernetes OpenAPI document does not hold.
// Written from the fields of the resource's API (secrets-store.csi.x-k8s.io/v1 SecretProviderClass); only the
// fields that exist there are allowed.

const stringMap = { type: 'object', additionalProperties: { type: 'string' } };
const objectMeta = { $ref: '#/definitions/io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta' };

/** Schemas keyed by `<apiVersion>/<kind>`. */
export function crdSchemas() {
  return {
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
