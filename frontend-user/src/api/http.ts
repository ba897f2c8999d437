// The HTTP client (Bearer auth, Accept-Language, single-flight refresh) lives in @zhice/frontend-common.
export * from '@zhice/frontend-common/api/http';
