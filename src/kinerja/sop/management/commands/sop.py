from kinerja.verbs import GroupCommand


class Command(GroupCommand):
    help = "SOP documents: import, list, show, render (and plan, compliance from the workflow app)."
    group = "sop"
