# Reads .ics files with ruby-icalendar (Debian ruby-icalendar) and prints, per file, one JSON line:
#   {"path": P, "events": [[UID, DTSTART, DTEND, SUMMARY], ...]}   or   {"path": P, "error": "..."}
# DTSTART and DTEND as scripts/check-feeds.py writes them: 2016-01-22 for a day, 2016-01-22T10:00:00Z
# for an instant (in UTC), 2016-01-22T10:00:00 for a floating time.
#
#   ruby scripts/check-feeds.rb public/*.ics
require 'stringio'
require 'json'
require 'date'
require 'icalendar'

def moment(value)
  return nil if value.nil?
  return value.value.strftime('%Y-%m-%d') if value.is_a?(Icalendar::Values::Date)
  raw = value.value
  raw = raw.to_datetime if raw.respond_to?(:to_datetime)
  # A zoned time carries the offset its VTIMEZONE gives, a UTC one its Z; a floating one neither.
  if value.ical_params['tzid'].nil? && !value.value_ical.end_with?('Z')
    return raw.strftime('%Y-%m-%dT%H:%M:%S')
  end
  raw.new_offset(0).strftime('%Y-%m-%dT%H:%M:%SZ')
end

ARGV.each do |path|
  begin
    calendars = Icalendar::Calendar.parse(File.read(path, encoding: 'UTF-8'))
    raise 'no VCALENDAR' if calendars.empty?
    events = calendars.flat_map(&:events).map do |event|
      [event.uid&.to_s, moment(event.dtstart), moment(event.dtend), event.summary&.to_s]
    end
    puts JSON.generate({ 'path' => path, 'events' => events })
  rescue StandardError => e
    puts JSON.generate({ 'path' => path, 'error' => "#{e.class}: #{e.message.lines.first&.strip}" })
  end
end
