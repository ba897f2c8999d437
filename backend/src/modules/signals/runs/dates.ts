/** `YYYY-MM-DD` helpers: `@zhice/shared`'s Asia/Shanghai date module, under the names signals uses. */
export { addDays, ISO_DATE, isIsoDate, shanghaiDate, shanghaiMinutes } from '@zhice/shared';
