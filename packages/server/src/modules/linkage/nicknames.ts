import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The nickname table copied from carltonnorthern/nicknames (Apache-2.0; see data/README.md). */
export const NICKNAMES_FILE = path.join(path.dirname(fileURLToPath(import.meta.url)), 'data', 'names', 'nicknames.csv');

/**
 * Nickname groups: each formal name and its nicknames form a group ("robert": robert, bob, rob,
 * bobby…). Two given names are nickname-equivalent when they share a group, so "bob" and "rob" match
 * through "robert". Maps a name to the ids of its groups.
 */
export type NicknameGroups = ReadonlyMap<string, readonly number[]>;

/** Builds groups from `name1,relationship,name2` rows (header optional). */
export function nicknameGroups(csv: string): NicknameGroups {
  const groupOf = new Map<string, number>();
  const out = new Map<string, number[]>();
  const add = (name: string, group: number) => {
    const list = out.get(name);
    if (!list) out.set(name, [group]);
    else if (!list.includes(group)) list.push(group);
  };
  for (const line of csv.split(/\r?\n/)) {
    const [formal, relation, nick] = line.split(',').map((s) => s.trim().toLowerCase());
    if (!formal || !nick || relation !== 'has_nickname') continue;
    let group = groupOf.get(formal);
    if (group === undefined) {
      group = groupOf.size;
      groupOf.set(formal, group);
      add(formal, group);
    }
    add(nick, group);
  }
  return out;
}

let loaded: NicknameGroups | undefined;

/** The bundled nickname table, read once. */
export function defaultNicknames(): NicknameGroups {
  loaded ??= nicknameGroups(fs.readFileSync(NICKNAMES_FILE, 'utf8'));
  return loaded;
}

/** True when the two names share a nickname group (robert/bob, bob/rob, william/bill). */
export function nicknameMatch(groups: NicknameGroups, a: string, b: string): boolean {
  const ga = groups.get(a);
  const gb = groups.get(b);
  if (!ga || !gb) return false;
  for (const g of ga) if (gb.includes(g)) return true;
  return false;
}
