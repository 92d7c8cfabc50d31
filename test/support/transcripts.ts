// Reads a real peer's transcripts straight from disk, for asserting what landed.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export function transcriptRecords(configDir: string): Array<Record<string, unknown>> {
  const projects = join(configDir, 'projects');
  if (!existsSync(projects)) return [];
  const out: Array<Record<string, unknown>> = [];
  for (const dir of readdirSync(projects)) {
    for (const f of readdirSync(join(projects, dir))) {
      if (!f.endsWith('.jsonl')) continue;
      for (const line of readFileSync(join(projects, dir, f), 'utf8').split('\n')) {
        if (!line) continue;
        try {
          out.push(JSON.parse(line) as Record<string, unknown>);
        } catch {
          // half-written line
        }
      }
    }
  }
  return out;
}

/** The text of every real user prompt (not meta, not tool results), in file order. */
export function userPrompts(configDir: string): string[] {
  return transcriptRecords(configDir).flatMap((r) => {
    if (r.type !== 'user' || r.isMeta === true) return [];
    const content = (r.message as { content?: unknown } | undefined)?.content;
    if (typeof content === 'string') return [content];
    if (!Array.isArray(content)) return [];
    return content.flatMap((c: { type?: string; text?: string }) =>
      c.type === 'text' &&
      typeof c.text === 'string' &&
      !c.text.startsWith('<system-reminder>') &&
      !c.text.startsWith('[Request interrupted')
        ? [c.text]
        : [],
    );
  });
}

export function transcriptFiles(configDir: string): string[] {
  const projects = join(configDir, 'projects');
  if (!existsSync(projects)) return [];
  return readdirSync(projects).flatMap((d) =>
    readdirSync(join(projects, d))
      .filter((f) => f.endsWith('.jsonl'))
      .map((f) => join(projects, d, f)),
  );
}

export interface ToolCall {
  id: string;
  name: string;
  input: Record<string, unknown>;
}

/** The peer's most recent tool_use (null before any). */
export function lastToolUse(configDir: string): ToolCall | null {
  const uses = transcriptRecords(configDir).flatMap((r) => {
    const content = (r.message as { content?: unknown } | undefined)?.content;
    if (r.type !== 'assistant' || !Array.isArray(content)) return [];
    return (content as Array<{ type?: string } & ToolCall>).filter((b) => b.type === 'tool_use');
  });
  return uses.at(-1) ?? null;
}

/** The tool_result that answers a tool_use, as text (null while there is none). */
export function toolResultText(configDir: string, toolUseId: string): string | null {
  for (const r of transcriptRecords(configDir)) {
    const content = (r.message as { content?: unknown } | undefined)?.content;
    if (r.type !== 'user' || !Array.isArray(content)) continue;
    for (const b of content as Array<{ type?: string; tool_use_id?: string; content?: unknown }>) {
      if (b.type !== 'tool_result' || b.tool_use_id !== toolUseId) continue;
      return typeof b.content === 'string' ? b.content : JSON.stringify(b.content);
    }
  }
  return null;
}
