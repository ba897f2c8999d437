import { User } from './entities/user.entity.js';
export const UserEntities = [User];
