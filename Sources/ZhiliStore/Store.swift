import GRDB
import ZhiliCore
