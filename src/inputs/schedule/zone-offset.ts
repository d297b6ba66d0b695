/** The offset of a time zone from UTC at an instant, seconds (east positive), from Intl. */
export function zoneOffsetS(zone: string, epochS: number): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone: zone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(new Date(epochS * 1000));
  const get = (t: string) => Number(parts.find((p) => p.type === t)?.value);
  const local = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second')) / 1000;
  return local - Math.floor(epochS);
}

/** The epoch second of local midnight, in `zone`, of the date `yyyy-mm-dd`. */
export function localMidnight(date: string, zone: string): number {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const utc = Date.UTC(y, m - 1, d) / 1000;
  // Two passes settle the offset even when midnight is near a daylight-saving change.
  let t = utc - zoneOffsetS(zone, utc);
  t = utc - zoneOffsetS(zone, t);
  return t;
}
