// A daily schedule twelve hours from now (UTC), so a test that drives the timer by hand never
// meets the real occurrence while it runs, whatever time of day CI starts.
export function farDailySchedule(now = new Date()): { schedule: string; hour: number } {
  const hour = (now.getUTCHours() + 12) % 24;
  return { schedule: `0 0 ${hour} * * *`, hour };
}
