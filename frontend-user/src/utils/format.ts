export * from '@zhice/frontend-common/utils/format';
