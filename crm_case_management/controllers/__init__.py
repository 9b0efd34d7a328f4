from . import telephony
from . import public
from . import portal
