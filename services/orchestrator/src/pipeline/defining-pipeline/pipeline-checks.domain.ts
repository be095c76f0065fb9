import { Cron } from 'croner';
import { PipelineDefinition, PipelineStep, PipelineTrigger, ValidationError } from '@ledger/contracts';

export interface PipelineIssue {
  path: string;
  message: string;
}

const PLACEHOLDER = /\$\{([^}]*)\}/g;

/** Every string inside a value, with its path as the edges name fields ("approvers.users[0]"). */
function stringsOf(value: unknown, path: string): { path: string; text: string }[] {
  if (typeof value === 'string') return [{ path, text: value }];
  if (Array.isArray(value)) return value.flatMap((item, i) => stringsOf(item, `${path}[${i}]`));
  if (value !== null && typeof value === 'object')
    return Object.entries(value).flatMap(([key, item]) => stringsOf(item, `${path}.${key}`));
  return [];
}

/** A `${name}` a step's strings use must be a declared parameter: a run would fill it with nothing otherwise. */
function placeholderIssues(step: PipelineStep, at: string, declared: string[]): PipelineIssue[] {
  return stringsOf(step, at).flatMap(({ path, text }) =>
    [...text.matchAll(PLACEHOLDER)]
      .filter((match) => !declared.includes(match[1]))
      .map((match) => ({
        path,
        message: `names no declared parameter: "\${${match[1]}}" (parameters: ${declared.length > 0 ? declared.join(', ') : 'none'})`,
      })),
  );
}

/** N of M named users: a gate that needs more approvals than people who may give them never opens. */
function approvalIssues(step: PipelineStep, at: string): PipelineIssue[] {
  if (step.type !== 'approval') return [];
  const { roles, users } = step.approvers;
  if (roles.length > 0 || users.length === 0 || step.required <= users.length) return [];
  return [
    {
      path: `${at}.required`,
      message: `needs ${step.required} approvals but only ${users.length} user${users.length === 1 ? ' is' : 's are'} named in approvers.users`,
    },
  ];
}

function scheduleIssues(trigger: PipelineTrigger, at: string): PipelineIssue[] {
  if (trigger.on !== 'schedule') return [];
  const issues: PipelineIssue[] = [];
  const fields = trigger.cron.trim().split(/\s+/);
  // Six fields put seconds first (as croner and Quartz read them): a schedule finer than a minute.
  if (!trigger.cron.trim().startsWith('@') && fields.length !== 5 && fields.length !== 6)
    issues.push({
      path: `${at}.cron`,
      message: `must have five fields (minute hour day month weekday) or six (seconds first), got ${fields.length}`,
    });
  else
    try {
      new Cron(trigger.cron, { paused: true, mode: '5-or-6-parts' });
    } catch (error) {
      issues.push({ path: `${at}.cron`, message: `is not a cron expression: ${(error as Error).message}` });
    }
  if (trigger.timezone !== undefined && !isTimeZone(trigger.timezone))
    issues.push({ path: `${at}.timezone`, message: `is not an IANA time zone: "${trigger.timezone}"` });
  return issues;
}

function isTimeZone(name: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

/** What the schema cannot see: placeholders without parameters, impossible N-of-M gates, schedules that never fire. */
export function pipelineIssues(definition: PipelineDefinition): PipelineIssue[] {
  const declared = Object.keys(definition.parameters);
  return [
    ...definition.steps.flatMap((step, i) => [
      ...placeholderIssues(step, `steps[${i}]`, declared),
      ...approvalIssues(step, `steps[${i}]`),
    ]),
    ...definition.triggers.flatMap((trigger, i) => scheduleIssues(trigger, `triggers[${i}]`)),
  ];
}

/** Refuses a definition with issues: one 400 naming every field, as the edges' schema errors do. */
export function requireSoundPipeline(definition: PipelineDefinition): void {
  const issues = pipelineIssues(definition);
  if (issues.length > 0)
    throw new ValidationError(issues.map((issue) => `${issue.path}: ${issue.message}`).join('; '), { issues });
}
