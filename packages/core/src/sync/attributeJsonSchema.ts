/**
 * JSON Schema definitions of DynamoDB JSON (what `itemToJson` writes and the AWS CLI prints): an item is an
 * object whose every attribute is one typed value, e.g. `{"S": "x"}`, `{"N": "1"}`, `{"L": [...]}`
 * (https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_AttributeValue.html). A schema that
 * uses them sets `definitions: attributeJsonDefinitions` at its root and refers to `ITEM_JSON_REF`.
 *
 * @example
 * schemaCheck({ definitions: attributeJsonDefinitions, ...ITEM_JSON_REF })({ pk: { N: 1 } }); // pk.N must be string
 */
export const attributeJsonDefinitions = {
  item: { type: 'object', additionalProperties: { $ref: '#/definitions/attributeValue' } },
  attributeValue: {
    type: 'object',
    // Exactly one type key per value: `{"S": "x", "N": "1"}` is no AttributeValue.
    minProperties: 1,
    maxProperties: 1,
    additionalProperties: false,
    properties: {
      S: { type: 'string' },
      N: { type: 'string' },
      B: { type: 'string' },
      BOOL: { type: 'boolean' },
      NULL: { const: true },
      SS: { type: 'array', items: { type: 'string' } },
      NS: { type: 'array', items: { type: 'string' } },
      BS: { type: 'array', items: { type: 'string' } },
      L: { type: 'array', items: { $ref: '#/definitions/attributeValue' } },
      M: { $ref: '#/definitions/item' },
    },
  },
} as const;

/** Where a schema with {@link attributeJsonDefinitions} at its root expects an item in DynamoDB JSON. */
export const ITEM_JSON_REF = { $ref: '#/definitions/item' } as const;
