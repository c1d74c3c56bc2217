/** The part of zip-stream (archiver's streaming zip writer) that the .xlsx writer uses. */
declare module 'zip-stream' {
  import { Transform, type Readable } from 'node:stream';
  interface ZipStreamOptions {
    zlib?: { level?: number };
    forceZip64?: boolean;
  }
  export default class ZipStream extends Transform {
    constructor(options?: ZipStreamOptions);
    entry(source: Buffer | string | Readable, data: { name: string; date?: Date; store?: boolean }, callback: (error: Error | null) => void): this;
    finish(): void;
  }
}
