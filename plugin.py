"""Plugin entry: Processing provider, menu and toolbar; headless-safe (iface may be None)."""

from qgis.core import Qgis, QgsApplication, QgsMessageLog
from qgis.PyQt.QtCore import QCoreApplication

from .adapters.compat import action_class
from .i18n import install_translator
from .processing_provider.algorithm import dependency_problem
from .processing_provider.provider import FibreResilienceProvider
from .resources.icons import plugin_icon

MENU = "&Fibre Resilience"


class FibreResiliencePlugin:
    def __init__(self, interface):
        self.iface = interface  # None under qgis_process
        self.provider = None
        self.actions = []
        self.toolbar = None
        self.docks = []
        self.translator = install_translator()

    def initProcessing(self):
        """Register the provider once (QGIS calls this for qgis_process too)."""
        if self.provider is not None:
            return
        self.provider = FibreResilienceProvider()
        QgsApplication.processingRegistry().addProvider(self.provider)
        problem = dependency_problem()
        if problem:  # said once at load; each algorithm's canExecute says it again
            QgsMessageLog.logMessage(problem, "Fibre Resilience", Qgis.MessageLevel.Critical)

    def initGui(self):
        self.initProcessing()
        if self.iface is None:
            return
        problem = dependency_problem()
        if problem:
            self.iface.messageBar().pushWarning(self.tr("Fibre Resilience"), problem)
        QAction = action_class()  # noqa: N806 (a class)
        self.toolbar = self.iface.addToolBar(self.tr("Fibre Resilience"))
        self.toolbar.setObjectName("FibreResilienceToolbar")
        toolbox = QAction(
            plugin_icon(), self.tr("Fibre Resilience algorithms…"), self.iface.mainWindow()
        )
        toolbox.triggered.connect(self.show_toolbox)
        self._add_action(toolbox)
        if not problem:  # the dock computes with the same packages
            self._add_dock_toggle()

    def _add_dock_toggle(self):
        """The scoring dock, docked on the right, hidden until its action shows it."""
        from qgis.PyQt.QtCore import Qt

        from .ui.scoring_dock import ScoringDock

        dock = ScoringDock(self.iface, self.iface.mainWindow())
        self.iface.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, dock)
        dock.hide()
        self.docks.append(dock)
        action = dock.toggleViewAction()
        action.setIcon(plugin_icon())
        action.setText(self.tr("Asset scoring"))
        self._add_action(action)

    def _add_action(self, action):
        self.iface.addPluginToMenu(MENU, action)
        self.toolbar.addAction(action)
        self.actions.append(action)

    def show_toolbox(self):
        """Show the Processing toolbox filtered on our provider."""
        from qgis.PyQt.QtWidgets import QDockWidget, QLineEdit

        toolbox = self.iface.mainWindow().findChild(QDockWidget, "ProcessingToolbox")
        if toolbox is None:
            return
        toolbox.setVisible(True)
        toolbox.raise_()
        search = toolbox.findChild(QLineEdit)
        if search is not None:
            search.setText("fibreresilience")

    def unload(self):
        if self.iface is not None:
            for action in self.actions:
                self.iface.removePluginMenu(MENU, action)
                if self.toolbar is not None:
                    self.toolbar.removeAction(action)
            self.actions = []
            for dock in self.docks:
                self.iface.removeDockWidget(dock)
                dock.unload()  # disconnects, then deletes itself
            self.docks = []
            if self.toolbar is not None:
                self.toolbar.deleteLater()
                self.toolbar = None
        if self.provider is not None:
            QgsApplication.processingRegistry().removeProvider(self.provider)
            self.provider = None
        if self.translator is not None:
            QCoreApplication.removeTranslator(self.translator)
            self.translator = None

    def tr(self, text):
        return QCoreApplication.translate("FibreResilience", text)
