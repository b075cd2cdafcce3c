import { JsonStateFile } from '../jsonStateFile.js';

/** A parameter's latest version, as GetParameter returns it (dates in epoch seconds). */
export interface ParameterRecord {
  readonly Name: string;
  readonly Type: 'String' | 'StringList' | 'SecureString';
  readonly Value: string;
  readonly Version: number;
  readonly LastModifiedDate: number;
  readonly ARN: string;
  readonly DataType: string;
}

/** Parameter Store per Region (name to latest version), in memory or in `file`. */
export class SsmStore {
  private readonly state: JsonStateFile<Record<string, Record<string, ParameterRecord>>>;

  constructor(file?: string) {
    this.state = new JsonStateFile(file, () => ({}));
  }

  parameters(region: string): Record<string, ParameterRecord> {
    return (this.state.data[region] ??= {});
  }

  /** Persists after a change. */
  save(): void {
    this.state.save();
  }
}
