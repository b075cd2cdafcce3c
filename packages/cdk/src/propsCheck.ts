/** One check of the props: when `condition` holds, the props are refused with `message` (the value and the fix). */
export interface Check {
  readonly condition: boolean;
  readonly message: string;
}
