/**
 * Reading calendars: Google Calendar events.list pages and the Calendar API (read-only scope,
 * retries), and iCalendar exports, recurrences expanded.
 */
package dev.salvage.connectors.calendar;
