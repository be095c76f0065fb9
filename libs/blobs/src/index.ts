export * from './blob-store';
export * from './blobs.config';
export * from './content-address';
export * from './digest-streams';
export * from './local-blob-store';
export * from './verified-read';
export * from './streamed-upload';
