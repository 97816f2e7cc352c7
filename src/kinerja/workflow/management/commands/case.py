from kinerja.verbs import GroupCommand


class Command(GroupCommand):
    help = "Cases (runs of an SOP): start, list, show, complete, return, reassign."
    group = "case"
