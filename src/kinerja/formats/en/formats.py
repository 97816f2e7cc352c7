"""English dates for the English interface: 24 March 2025."""

DATE_FORMAT = "j F Y"
DATETIME_FORMAT = "j F Y, H:i"
SHORT_DATE_FORMAT = "d/m/Y"
TIME_FORMAT = "H:i"
DECIMAL_SEPARATOR = "."
THOUSAND_SEPARATOR = ","
NUMBER_GROUPING = 3
FIRST_DAY_OF_WEEK = 1
# Times without seconds in a form (07:30); 07.30 is read too.
TIME_INPUT_FORMATS = ["%H:%M", "%H:%M:%S", "%H.%M"]
