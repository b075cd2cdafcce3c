/** A position in a policy document, 1-based, as SimulatePrincipalPolicy reports matched statements. */
export interface DocumentPosition {
  readonly Line: number;
  readonly Column: number;
}

/**
 * Where each statement of a (valid JSON) policy document starts and ends: the `{` and `}` of each
 * element of the top-level `Statement` (or of `Statement` itself when it is one object).
 */
export function statementPositions(text: string): { start: DocumentPosition; end: DocumentPosition }[] {
  const spans: { start: number; end: number }[] = [];
  let depth = 0;
  let inString = false;
  let lastString = '';
  let stringStart = 0;
  let statementDepth = -1; // depth of the value of "Statement" once found
  let elementStart = -1;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"') {
        inString = false;
        lastString = text.slice(stringStart + 1, i);
      }
      continue;
    }
    if (c === '"') {
      inString = true;
      stringStart = i;
    } else if (c === ':' && depth === 1 && lastString === 'Statement' && statementDepth < 0) {
      statementDepth = depth + 1;
    } else if (c === '{' || c === '[') {
      depth++;
      const isElement =
        c === '{' &&
        statementDepth > 0 &&
        (depth === statementDepth || (depth === statementDepth + 1 && isArrayAt(text, i)));
      if (isElement && elementStart < 0) elementStart = i;
    } else if (c === '}' || c === ']') {
      if (c === '}' && elementStart >= 0 && matchesElementDepth(depth, statementDepth, text, elementStart)) {
        spans.push({ start: elementStart, end: i });
        elementStart = -1;
      }
      depth--;
      if (statementDepth > 0 && depth < statementDepth) statementDepth = Number.MAX_SAFE_INTEGER;
    }
  }
  return spans.map((s) => ({ start: positionAt(text, s.start), end: positionAt(text, s.end + 1) }));
}

/** Whether the `{` at `i` is an element of an array (the nearest non-blank character before it is `[` or `,`). */
function isArrayAt(text: string, i: number): boolean {
  let j = i - 1;
  while (j >= 0 && /\s/.test(text[j] ?? '')) j--;
  return text[j] === '[' || text[j] === ',';
}

function matchesElementDepth(depth: number, statementDepth: number, text: string, start: number): boolean {
  return depth === statementDepth || (depth === statementDepth + 1 && isArrayAt(text, start));
}

function positionAt(text: string, offset: number): DocumentPosition {
  const before = text.slice(0, offset).split('\n');
  return { Line: before.length, Column: (before.at(-1)?.length ?? 0) + 1 };
}
