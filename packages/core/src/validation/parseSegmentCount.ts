import { parseWholeNumber } from './parseWholeNumber.js';

/**
 * The most parallel scan segments a command runs (flag, configuration file): each is a worker in-process
 * and a Map iteration on AWS, so more buys nothing but throttling. DynamoDB itself allows 1,000,000
 * (https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_Scan.html#DDB-Scan-request-TotalSegments).
 *
 * @example
 * const segments = Math.min(MAX_SEGMENTS, requested);
 */
export const MAX_SEGMENTS = 1000;

/**
 * The segment count a flag's text spells (1 to {@link MAX_SEGMENTS}), or `fallback` when the flag was not
 * given; else an InputError naming the flag.
 *
 * @example
 * parseSegmentCount('--segments', '8', 4); // 8
 * parseSegmentCount('--segments', undefined, 4); // 4
 */
export function parseSegmentCount(field: string, text: string | undefined, fallback: number): number {
  return text === undefined ? fallback : parseWholeNumber(field, text, { min: 1, max: MAX_SEGMENTS });
}
