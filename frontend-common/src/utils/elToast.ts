// Element Plus' toast with its CSS, imported on first use by `lazyToast` (see below).
import 'element-plus/es/components/message/style/css';

export { ElMessage } from 'element-plus/es/components/message/index.mjs';
