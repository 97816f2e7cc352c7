"""Indonesian dates as written in letters: 24 Maret 2025, numbers as 1.725,50."""

DATE_FORMAT = "j F Y"
DATETIME_FORMAT = "j F Y, H.i"
SHORT_DATE_FORMAT = "d/m/Y"
SHORT_DATETIME_FORMAT = "d/m/Y H.i"
TIME_FORMAT = "H.i"
DECIMAL_SEPARATOR = ","
THOUSAND_SEPARATOR = "."
NUMBER_GROUPING = 3
FIRST_DAY_OF_WEEK = 1
# What a form's date field reads where the browser gives a text box. Django's own Indonesian list also
# reads 03/04/2025 14.30 the American way (4 March); an office means 3 April. The first format stays
# Django's, as a widget without its own format writes it. Month names ("20 Maret 2025") are no
# strptime pattern in a C locale; kinerja.dates reads those.
DATE_INPUT_FORMATS = ["%d-%m-%Y", "%d/%m/%Y", "%d.%m.%Y", "%Y-%m-%d", "%d-%m-%y", "%d/%m/%y"]
DATETIME_INPUT_FORMATS = [
    "%d-%m-%Y %H.%M.%S", "%d-%m-%Y %H.%M", "%d-%m-%Y %H:%M",
    "%d/%m/%Y %H.%M.%S", "%d/%m/%Y %H.%M", "%d/%m/%Y %H:%M",
    "%d.%m.%Y %H.%M", "%d.%m.%Y %H:%M",
    "%Y-%m-%d %H:%M:%S", "%Y-%m-%d %H:%M",
    "%d-%m-%Y", "%d/%m/%Y",
]
# Times as the office writes them, 07.30: the first is what a time field shows (Django's own first,
# "%H.%M.%S", showed office hours as 07.30.00); 07:30 is read too.
TIME_INPUT_FORMATS = ["%H.%M", "%H.%M.%S", "%H:%M", "%H:%M:%S"]
