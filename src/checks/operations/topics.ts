// The topics OEP-45 asks an operations manual to cover, and the heading words that show a
// section covers one. Matched against headings only: a word in passing does not make a section.

export interface Topic {
  name: string;
  heading: RegExp;
}

export const TOPICS: readonly Topic[] = [
  { name: 'running the web process', heading: /\b(web|wsgi|gunicorn|uwsgi|http server|app(lication)? server|running the (service|application))\b/i },
  { name: 'running the async workers', heading: /\b(workers?|celery|async(hronous)?|background (tasks?|jobs?)|task queues?)\b/i },
  { name: 'managing the database schema (migrations)', heading: /\b(migrations?|migrating|database schema|schema changes?)\b/i },
  { name: 'maintenance tasks', heading: /\b(maintenance|periodic (tasks?|jobs?)|cron(jobs?)?|scheduled (tasks?|jobs?)|housekeeping|clean-?ups?)\b/i },
  { name: 'management commands', heading: /\b(management commands?|manage\.py|django-admin|commands)\b/i },
];
