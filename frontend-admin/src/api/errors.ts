export * from '@zhice/frontend-common/api/errors';
