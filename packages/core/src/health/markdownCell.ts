/**
 * Text that shows as itself in Markdown and cannot break a table row: pipes escaped, `<` as an entity (Markdown
 * passes HTML through), line breaks as spaces.
 *
 * @example
 * `| ${markdownCell(item.evidence)} |`;
 */
export function markdownCell(text: string): string {
  return text.replaceAll('|', '\\|').replaceAll('<', '&lt;').replaceAll('\n', ' ');
}
