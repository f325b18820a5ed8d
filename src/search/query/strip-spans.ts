import type { AndNode, NotNode, OrNode, PhraseNode, QueryNode, TermNode } from './ast';

/** A QueryNode without its source positions: what two parses of equivalent text share. */
export type SpanlessQueryNode =
  | Omit<TermNode, 'span'>
  | Omit<PhraseNode, 'span'>
  | (Omit<AndNode, 'span' | 'children'> & { children: SpanlessQueryNode[] })
  | (Omit<OrNode, 'span' | 'children'> & { children: SpanlessQueryNode[] })
  | (Omit<NotNode, 'span' | 'child'> & { child: SpanlessQueryNode });

/** Copies a tree without spans, for comparing trees parsed from different text. */
export function stripSpans(node: QueryNode): SpanlessQueryNode {
  switch (node.kind) {
    case 'term':
      return { kind: 'term', value: node.value, field: node.field, prefix: node.prefix };
    case 'phrase':
      return { kind: 'phrase', value: node.value, field: node.field };
    case 'and':
    case 'or':
      return { kind: node.kind, children: node.children.map(stripSpans) };
    case 'not':
      return { kind: 'not', child: stripSpans(node.child) };
  }
}
