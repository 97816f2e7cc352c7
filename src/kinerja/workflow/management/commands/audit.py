from kinerja.verbs import GroupCommand


class Command(GroupCommand):
    help = "The audit trail: verify the hash chains."
    group = "audit"
