/**
 * What the console knows about one journey node type (README → Journeys): one object per type in
 * `nodes/<type>.tsx`, listed in `nodes/index.ts`. The palette, canvas, side panel, layout and the
 * definition edits read it; none of them names a node type.
 */
import type { ComponentType, ReactNode } from 'react';
import type { MessageKey } from '../../../../i18n';
import type { Group, JourneyNode, LinkKey, Webhook } from '../../../../lib/models';
import type { Draft } from '../definition';

export type T = (key: MessageKey, vars?: Record<string, string | number>) => string;

/** Names to show instead of ids. */
export interface Names {
  webhooks: Map<number, string>;
  groups: Map<number, string>;
}

/** One of a node's links, i.e. a source handle; its colour is the edge's, a label marks a branch. */
export interface LinkSpec {
  /** The handle's id: a link field (next, then, else) or one a type's settings make (a split's b0, b1…). */
  key: LinkKey | `b${number}`;
  color: string;
  label?: MessageKey;
  /** A branch the marketer named (方案A), shown as it is, with its share of the runs. */
  text?: string;
  percent?: number;
  /** The live count of runs that took it, from the node's counts. */
  count?: (counts: { then: number; else: number; branches: number[] }) => number;
}

/** The plain link to the following node. */
export const NEXT: LinkSpec = { key: 'next', color: '#8c959f' };

/** What a type's side-panel fields get: the node, its errors, and what the pickers list. */
export interface FieldProps {
  node: JourneyNode;
  onChange: (node: JourneyNode) => void;
  /** The API's errors for a path inside this node (`webhookId`, `rule.and[0].field`). */
  errors: Record<string, string[]>;
  draft: Draft;
  webhooks: Webhook[];
  groups: Group[];
}

export interface NodeKind {
  /** Its name in the palette and the side panel, and on a node without a label. */
  label: MessageKey;
  icon: ReactNode;
  color: string;
  /** Its source handles, left to right (none: the run ends there). */
  links: readonly LinkSpec[];
  /** What a new node starts with besides id, type and position; what it still needs is left for the live check. */
  create: () => Partial<JourneyNode>;
  /** One line under the node on the canvas: what it does, with names instead of ids. */
  describe: (t: T, node: JourneyNode, names: Names) => string;
  /** Its settings in the side panel, under id and label. */
  Fields: ComponentType<FieldProps>;
  /** Links its settings make (a split's branches), instead of `links`, with how to read and set them. */
  dynamicLinks?: {
    of: (node: JourneyNode) => LinkSpec[];
    get: (node: JourneyNode, key: string) => string | undefined;
    set: (node: JourneyNode, key: string, target: string | undefined) => JourneyNode;
  };
  /** Renaming another node: what in this node's settings (besides its links) names it. */
  renameRefs?: (node: JourneyNode, oldId: string, newId: string) => JourneyNode;
}

/** antd's error look on a form item, from the API's messages for that path. */
export function fieldStatus(errors: Record<string, string[]>, ...paths: string[]) {
  const messages = paths.flatMap((p) =>
    Object.entries(errors)
      .filter(([k]) => k === p || k.startsWith(`${p}.`))
      .flatMap(([, m]) => m),
  );
  return messages.length ? { validateStatus: 'error' as const, help: messages.join('; ') } : {};
}
