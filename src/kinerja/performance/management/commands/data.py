from kinerja.verbs import GroupCommand


class Command(GroupCommand):
    help = "Performance data: import, template, report, agreement."
    group = "data"
