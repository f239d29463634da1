import factory

from parent_charter.notifications.models import ParentNotice, StaffNotification
from tests.factories import CouncilFactory, UserFactory


class StaffNotificationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = StaffNotification

    council = factory.SubFactory(CouncilFactory)
    recipient = factory.SubFactory(UserFactory, council=factory.SelfAttribute("..council"))
    kind = "test.something"
    params = factory.LazyFunction(lambda: {"what": "a test"})
    url = ""


class ParentNoticeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ParentNotice

    parent = None
    council = factory.LazyAttribute(lambda n: n.parent.council)
    kind = "test.something"
