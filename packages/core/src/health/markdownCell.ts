/**
 * Text that cannot break a Markdown table row: pipes escaped, line breaks as spaces.
 *
 * @example
 * `| ${markdownCell(item.evidence)} |`;
 */
export function markdownCell(text: string): string {
  return text.replaceAll('|', '\\|').replaceAll('\n', ' ');
}
