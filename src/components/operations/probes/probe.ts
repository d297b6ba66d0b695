/** One thing a health check looks at. Called once per check; true means healthy. */
export interface Probe {
  /** snake_case; names the metric `<monitor>_<probe>_failures`. */
  readonly name: string;
  healthy(): boolean;
}
