export * from '@zhice/frontend-common/test/fakeAdapter';
