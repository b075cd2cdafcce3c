import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import type { Item } from '../aws/tableRef.js';
import { plainItem } from './plainItem.js';

/**
 * One CSV row (RFC 4180, no newline) for `item` under `columns`: strings, numbers and booleans as text,
 * NULL and absent attributes empty, binaries base64, lists/maps/sets as the JSON of their plain form.
 */
export function csvRow(item: Item, columns: readonly string[]): string {
  const plain = plainItem(item);
  return columns.map((name) => csvField(cellText(item[name], plain[name]))).join(',');
}

/** A row of header names. */
export function csvHeader(columns: readonly string[]): string {
  return columns.map(csvField).join(',');
}

function cellText(value: AttributeValue | undefined, plain: unknown): string {
  if (value === undefined || value.NULL !== undefined) return '';
  if (value.S !== undefined) return value.S;
  if (value.N !== undefined) return value.N;
  if (value.BOOL !== undefined) return String(value.BOOL);
  if (typeof plain === 'string') return plain;
  return JSON.stringify(plain);
}

function csvField(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/**
 * Counts CSV records in a stream of chunks: record ends are newlines outside quotes. Strings may hold
 * newlines, so counting lines would be wrong.
 */
export class CsvRecordCounter {
  private inQuotes = false;
  private pendingField = false;
  records = 0;

  push(chunk: string): void {
    for (const ch of chunk) {
      if (ch === '"') this.inQuotes = !this.inQuotes;
      else if (ch === '\n' && !this.inQuotes) {
        this.records += 1;
        this.pendingField = false;
        continue;
      }
      if (ch !== '\r') this.pendingField = true;
    }
  }

  /** Records seen, counting a last one without a final newline. */
  total(): number {
    return this.records + (this.pendingField ? 1 : 0);
  }
}
