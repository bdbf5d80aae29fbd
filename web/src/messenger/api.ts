// The messenger bots' API (/api/v1/messenger/bots).
import { get, patch, post } from '../api';

export type BotKind = 'telegram' | 'bale';
export type BotMode = 'polling' | 'webhook';

export interface Bot {
  id: number;
  council_id: number;
  agency_id: number | null;
  kind: BotKind;
  kind_name: string;
  name: string;
  base_url: string;
  token_set: boolean;
  token_hint: string;
  mode: BotMode;
  webhook_path: string;
  welcome: string;
  enabled: boolean;
  version: number;
}

export interface BotTest {
  ok: boolean;
  username: string;
  error_fa: string;
}

export const listBots = () => get<{ items: Bot[] }>('/messenger/bots').then((r) => r.items);
export const createBot = (body: unknown) => post<Bot>('/messenger/bots', body);
export const updateBot = (id: number, body: unknown) => patch<Bot>(`/messenger/bots/${id}`, body);
export const testBot = (id: number) => post<BotTest>(`/messenger/bots/${id}/test`);
