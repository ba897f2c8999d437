import { AgentProfile } from './entities/agent-profile.entity.js';
export const AgentsEntities = [AgentProfile];
