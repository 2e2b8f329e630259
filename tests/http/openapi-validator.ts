import { Ajv2020 } from "ajv/dist/2020.js";

/**
 * Validates bodies against the component schemas of the service's own OpenAPI document, so the
 * tests prove the document describes what the endpoints send.
 */
export function openApiValidator(document: { components: { schemas: Record<string, unknown> } }) {
  const ajv = new Ajv2020({ allErrors: true, strict: false });
  ajv.addSchema({ $id: "https://axf.test/openapi.json", components: document.components });
  return (schema: string, body: unknown): void => {
    const validate = ajv.getSchema(`https://axf.test/openapi.json#/components/schemas/${schema}`);
    if (!validate) throw new Error(`no component schema ${schema}`);
    if (!validate(body)) {
      throw new Error(`${schema} invalid:\n${JSON.stringify(validate.errors?.slice(0, 5), null, 2)}`);
    }
  };
}
