/**
 * Where `Code.S3Bucket` / `S3Key` are read from: the sandbox's S3 once it has one. `get` answers the
 * object's bytes, or undefined when the bucket or key does not exist.
 */
export interface CodeObjects {
  get(bucket: string, key: string, versionId?: string): Promise<Buffer | undefined>;
}

/**
 * The sandbox's own code bucket: with `S3Bucket` set to this name, `S3Key` is an absolute path on this
 * machine to a directory (a synth output's asset) or a `.zip` file, copied into the function when it is
 * created or updated. Underscores keep it from ever naming a real S3 bucket
 * (https://docs.aws.amazon.com/AmazonS3/latest/userguide/bucketnamingrules.html).
 */
export const LOCAL_CODE_BUCKET = 'dynamo_dr_local_code';
