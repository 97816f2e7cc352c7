from kinerja.verbs import GroupCommand


class Command(GroupCommand):
    help = "The organisation: import units, positions, people and who holds what; the template."
    group = "org"
