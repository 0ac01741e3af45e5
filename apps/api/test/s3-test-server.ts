import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// s3rver (dev dependency) ships no types; the part used here:
interface S3rverInstance {
  run(): Promise<AddressInfo>;
  close(): Promise<void>;
}
type S3rverClass = new (options: {
  port: number;
  address: string;
  silent: boolean;
  directory: string;
  configureBuckets: { name: string }[];
}) => S3rverInstance;
const S3rver = require('s3rver') as S3rverClass;

/** A real S3 API (s3rver) on a random local port, storing into a fresh temp directory, with one empty bucket. */
export class S3TestServer {
  static readonly accessKeyId = 'S3RVER';
  static readonly secretAccessKey = 'S3RVER';

  private constructor(
    private readonly server: S3rverInstance,
    readonly directory: string,
    readonly endpoint: string,
    readonly bucket: string,
  ) {}

  static async start(bucket = 'lotline-test'): Promise<S3TestServer> {
    const directory = mkdtempSync(join(tmpdir(), 'lotline-s3rver-'));
    const server = new S3rver({ port: 0, address: '127.0.0.1', silent: true, directory, configureBuckets: [{ name: bucket }] });
    const { port } = await server.run();
    return new S3TestServer(server, directory, `http://127.0.0.1:${port}`, bucket);
  }

  /** The app's environment for this server (what an operator sets for MinIO). */
  env(prefix = 'lotline'): Record<string, string> {
    return {
      LOTLINE_S3_BUCKET: this.bucket,
      LOTLINE_S3_ENDPOINT: this.endpoint,
      LOTLINE_S3_REGION: 'us-east-1',
      LOTLINE_S3_PREFIX: prefix,
      LOTLINE_S3_SSE: 'AES256',
      AWS_ACCESS_KEY_ID: S3TestServer.accessKeyId,
      AWS_SECRET_ACCESS_KEY: S3TestServer.secretAccessKey,
    };
  }

  async close(): Promise<void> {
    await this.server.close();
    rmSync(this.directory, { recursive: true, force: true });
  }
}
