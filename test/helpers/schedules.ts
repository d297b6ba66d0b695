/** 50 hourly entries at minute 0 and 50 spread over the hour (minutes 1..59, never 0). */
export function herdCrontab(): string {
  const lines = ['# reports, rounded to the hour', 'MAILTO=ops@example.com'];
  for (let i = 0; i < 50; i++) lines.push(`0 * * * * /app/bin/report --tenant ${i}`);
  for (let i = 0; i < 50; i++) lines.push(`${1 + Math.floor((i * 59) / 50)} * * * * /app/bin/sync --shard ${i}`);
  lines.push('0 3 * * * /app/bin/nightly', '@reboot /app/bin/warm-cache');
  return `${lines.join('\n')}\n`;
}
