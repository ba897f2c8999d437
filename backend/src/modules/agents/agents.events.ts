/** Published after commit when an agent is moved under another parent (or to the top level). */
export const AGENT_MOVED = 'agents.moved';
export interface AgentMovedEvent {
  agentId: string;
  fromParentId: string | null;
  toParentId: string | null;
}
