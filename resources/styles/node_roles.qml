<!DOCTYPE qgis>
<!-- Network nodes by role (gt_role): central offices and cabinets stand out. -->
<qgis version="3.22" styleCategories="Symbology|Labeling">
  <renderer-v2 type="categorizedSymbol" attr="gt_role">
    <categories>
      <category value="NRO" symbol="0" label="Central office (NRO)"/>
      <category value="SRO" symbol="1" label="Street cabinet (SRO)"/>
      <category value="PBO" symbol="2" label="Distribution point (PBO)"/>
      <category value="CHAMBRE" symbol="3" label="Chamber"/>
      <category value="APPUI" symbol="4" label="Pole"/>
      <category value="FACADE" symbol="5" label="Façade"/>
      <category value="IMMEUBLE" symbol="6" label="Building"/>
      <category value="AUTRE" symbol="7" label="Other node"/>
    </categories>
    <symbols>
      <symbol type="marker" name="0"><layer class="SimpleMarker"><prop k="name" v="square"/><prop k="color" v="0,0,0,255"/><prop k="outline_color" v="255,255,255,255"/><prop k="outline_width" v="0.2"/><prop k="size" v="4.0"/></layer></symbol>
      <symbol type="marker" name="1"><layer class="SimpleMarker"><prop k="name" v="square"/><prop k="color" v="94,60,153,255"/><prop k="outline_color" v="255,255,255,255"/><prop k="outline_width" v="0.2"/><prop k="size" v="3.0"/></layer></symbol>
      <symbol type="marker" name="2"><layer class="SimpleMarker"><prop k="name" v="circle"/><prop k="color" v="67,147,195,255"/><prop k="outline_color" v="255,255,255,255"/><prop k="outline_width" v="0.2"/><prop k="size" v="1.8"/></layer></symbol>
      <symbol type="marker" name="3"><layer class="SimpleMarker"><prop k="name" v="square"/><prop k="color" v="135,135,135,255"/><prop k="outline_color" v="255,255,255,255"/><prop k="outline_width" v="0.2"/><prop k="size" v="1.2"/></layer></symbol>
      <symbol type="marker" name="4"><layer class="SimpleMarker"><prop k="name" v="circle"/><prop k="color" v="230,97,1,255"/><prop k="outline_color" v="255,255,255,255"/><prop k="outline_width" v="0.2"/><prop k="size" v="1.2"/></layer></symbol>
      <symbol type="marker" name="5"><layer class="SimpleMarker"><prop k="name" v="triangle"/><prop k="color" v="94,60,153,255"/><prop k="outline_color" v="255,255,255,255"/><prop k="outline_width" v="0.2"/><prop k="size" v="1.2"/></layer></symbol>
      <symbol type="marker" name="6"><layer class="SimpleMarker"><prop k="name" v="square"/><prop k="color" v="186,186,186,255"/><prop k="outline_color" v="255,255,255,255"/><prop k="outline_width" v="0.2"/><prop k="size" v="1.6"/></layer></symbol>
      <symbol type="marker" name="7"><layer class="SimpleMarker"><prop k="name" v="circle"/><prop k="color" v="186,186,186,255"/><prop k="outline_color" v="255,255,255,255"/><prop k="outline_width" v="0.2"/><prop k="size" v="1.0"/></layer></symbol>
    </symbols>
  </renderer-v2>
</qgis>
